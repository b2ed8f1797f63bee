import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/files.js';
import { leadq } from '../helpers/leadq.js';

// The edges people meet: how many candidates an ambiguous name lists, how many rejected rows a score on stdout
// lists, and a note given as spaces (it is no note).

const tmp = tempDir('leadq-edges-');
afterAll(() => tmp.cleanup());
let n = 0;
const fresh = () => join(tmp.dir, `e${++n}.db`);

describe('an ambiguous <lead> lists at most ten candidates', () => {
  it.each([
    [10, false],
    [11, true],
    [12, true],
  ])('%i leads match: ten or fewer listed, then … when there are more', async (count, more) => {
    const db = fresh();
    for (let i = 1; i <= count; i++) expect((await leadq(['--db', db, 'lead', 'add', '--company', `华信分公司${i}号`])).code).toBe(0);
    const r = await leadq(['--db', db, 'lead', 'show', '华信分公司']);
    expect(r.code).toBe(64);
    const listed = /matches several leads: (.*)\n/.exec(r.stderr)?.[1] ?? r.stderr;
    const names = listed.split(', ');
    expect(names.filter((c) => c.startsWith('#'))).toHaveLength(Math.min(count, 10));
    expect(names.at(-1) === '…').toBe(more);
  });
});

describe('score on stdout lists the first 20 rejected rows on stderr, then how many more', () => {
  it('25 rejects: 20 lines, then "… and 5 more"', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => `Co ${i},1,extra`).join('\n');
    const r = await leadq(['score', '-'], { input: `Company,Budget\n${rows}\nGood Co,2\n` });
    expect(r.code).toBe(0);
    const rejectLines = r.stderr.split('\n').filter((l) => /^leadq: line \d+: /.test(l));
    expect(rejectLines).toHaveLength(20);
    expect(rejectLines[0]).toMatch(/^leadq: line 2: /);
    expect(r.stderr).toContain('leadq: … and 5 more rejected rows (write them to a file with --rejects <file>)\n');
  });
});

describe('a note of spaces is no note', () => {
  it('lead close --note "  " keeps the note there was; a note is trimmed', async () => {
    const db = fresh();
    await leadq(['--db', db, 'lead', 'add', '--company', 'Acme']);
    await leadq(['--db', db, 'lead', 'close', '1', '--won', '--note', '  signed  ']);
    expect(JSON.parse((await leadq(['--db', db, 'lead', 'show', '1', '--json'])).stdout).close_note).toBe('signed');
    await leadq(['--db', db, 'lead', 'close', '1', '--won', '--note', '   ']);
    expect(JSON.parse((await leadq(['--db', db, 'lead', 'show', '1', '--json'])).stdout).close_note).toBe('signed');
    await leadq(['--db', db, 'lead', 'add', '--company', 'Globex']);
    await leadq(['--db', db, 'lead', 'close', '2', '--lost', '--note', ' \t ']);
    expect(JSON.parse((await leadq(['--db', db, 'lead', 'show', '2', '--json'])).stdout).close_note).toBeNull();
  });

  it('contact --note "  " and referral ask --note "  " store no note', async () => {
    const db = fresh();
    await leadq(['--db', db, 'lead', 'add', '--company', 'Acme']);
    const contact = JSON.parse((await leadq(['--db', db, 'contact', '1', '--kind', 'call', '--note', '   ', '--json'])).stdout);
    expect(contact.note).toBeNull();
    const request = JSON.parse((await leadq(['--db', db, 'referral', 'ask', '1', '--note', '   ', '--json'])).stdout);
    expect(request.note).toBeNull();
    const trimmed = JSON.parse((await leadq(['--db', db, 'contact', '1', '--kind', 'visit', '--note', '  met the GM ', '--json'])).stdout);
    expect(trimmed.note).toBe('met the GM');
  });
});
