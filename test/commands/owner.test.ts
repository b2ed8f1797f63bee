import { userInfo } from 'node:os';
import { beforeEach, expect, it } from 'vitest';
import { leadq } from '../helpers/leadq.js';
import { describeStores } from '../helpers/stores.js';

// SPEC v2 "Teams": who did it. --as NAME, else $LEADQ_USER, else the OS login name; a lead's owner is its creator
// unless --owner names another (me: whoever runs leadq); contacts, qualifications and referral requests record `by`.

interface ShownLead {
  owner: string | null;
  qualifications: Array<{ by: string | null }>;
  contacts: Array<{ by: string | null }>;
  referral_requests: Array<{ by: string | null }>;
}

describeStores('who did it', (store) => {
  let db: string;
  const lq = (args: readonly string[], options: Parameters<typeof leadq>[1] = {}) => leadq(['--db', db, ...args], options);
  const show = async (lead: string) => JSON.parse((await lq(['lead', 'show', lead, '--json'])).stdout) as ShownLead;
  const ids = async (args: string[], env: Record<string, string | undefined> = {}) =>
    (await lq(['lead', 'list', '--format', 'tsv', '--no-header', ...args], { env })).stdout.split('\n').filter(Boolean).map((l) => Number(l.split('\t')[0]));

  beforeEach(() => {
    db = store.db;
  });

  it('--as, else $LEADQ_USER, else the OS login name owns what lead add creates', async () => {
    await lq(['--as', 'wang', 'lead', 'add', '--company', 'Acme']);
    await lq(['lead', 'add', '--company', 'Globex'], { env: { LEADQ_USER: 'li' } });
    await lq(['--as', ' zhao ', 'lead', 'add', '--company', 'Initech'], { env: { LEADQ_USER: 'li' } });
    await lq(['lead', 'add', '--company', 'Hooli'], { env: { LEADQ_USER: undefined } });
    expect((await show('Acme')).owner).toBe('wang');
    expect((await show('Globex')).owner).toBe('li');
    expect((await show('Initech')).owner).toBe('zhao');
    expect((await show('Hooli')).owner).toBe(userInfo().username);
  });

  it('--owner on lead add and edit (me: whoever runs it); lead list --owner NAME|me filters', async () => {
    await lq(['--as', 'wang', 'lead', 'add', '--company', 'Acme']);
    await lq(['--as', 'wang', 'lead', 'add', '--company', 'Globex', '--owner', 'li']);
    await lq(['--as', 'li', 'lead', 'add', '--company', 'Initech']);
    expect(await ids(['--owner', 'li'])).toEqual([2, 3]);
    expect(await ids(['--owner', 'me'], { LEADQ_USER: 'wang' })).toEqual([1]);
    const edited = await lq(['--as', 'zhao', 'lead', 'edit', 'Acme', '--owner', 'me', '--json']);
    expect(JSON.parse(edited.stdout)).toMatchObject({ id: 1, owner: 'zhao' });
    expect((await lq(['lead', 'edit', 'Acme', '--owner', '', '--json'])).stdout).toContain('"owner": null');
    expect(await ids(['--owner', 'wang'])).toEqual([]);
    expect((await lq(['lead', 'show', '2'])).stdout).toMatch(/Owner +li\n/);
  });

  it('contacts, qualifications and referral requests record who made them', async () => {
    await lq(['--as', 'wang', 'lead', 'add', '--company', 'Acme']);
    await lq(['--as', 'li', 'contact', 'Acme', '--kind', 'visit']);
    await lq(['--as', 'sun', 'qualify', 'Acme', '--answers', '-'], { input: '{"need":{"kind":"switching"}}' });
    await lq(['--as', 'zhao', 'referral', 'ask', 'Acme', '--count', '2']);
    const lead = await show('Acme');
    expect(lead.contacts.map((c) => c.by)).toEqual(['li']);
    expect(lead.qualifications.map((q) => q.by)).toEqual(['sun']);
    expect(lead.referral_requests.map((r) => r.by)).toEqual(['zhao']);
    expect(lead.owner).toBe('wang');
  });

  it('qualify and score --import make the rep who creates a lead its owner', async () => {
    await lq(['--as', 'sun', 'qualify', '--answers', '-'], { input: '{"lead":{"company":"Zeta Ltd"},"need":{"kind":"switching"}}' });
    expect((await show('Zeta')).owner).toBe('sun');
  });

  it("today lists the rep's own leads and nobody's, unless --all (the same rule on both stores)", async () => {
    const precise = '{"need":{"kind":"switching"},"kp":{"role":"gm","signsFinal":"yes","otherDecider":"none"},"payment":{"price":100,"budget":100,"funds":"now","recognizesValue":"yes"}}';
    for (const [rep, company] of [['wang', 'Acme'], ['li', 'Globex'], ['wang', 'Initech']]) {
      await lq(['--as', rep!, 'qualify', '--answers', '-'], { input: JSON.stringify({ ...JSON.parse(precise), lead: { company } }) });
    }
    // A ranked account nobody owns is everybody's.
    await lq(['lead', 'edit', 'Initech', '--owner', '']);
    expect((await lq(['--as', 'wang', 'today', '--format', 'tsv', '--no-header'])).stdout).toMatch(/^1\tAcme\t.*\n3\tInitech\t/);
    expect((await lq(['--as', 'li', 'today', '--format', 'tsv', '--no-header'])).stdout).toMatch(/^2\tGlobex\t.*\n3\tInitech\t[^\n]*\n$/);
    expect((await lq(['--as', 'li', 'today', '--all', '--format', 'tsv', '--no-header'])).stdout.split('\n').filter(Boolean)).toHaveLength(3);
  });

  it('--as "" is exit 64 before anything is written', async () => {
    const r = await lq(['--as', ' ', 'lead', 'add', '--company', 'Acme']);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe('leadq: --as needs a name, got an empty value\nleadq: leave --as out to use $LEADQ_USER or your login name\n');
    expect(await store.exists()).toBe(false);
  });
});
