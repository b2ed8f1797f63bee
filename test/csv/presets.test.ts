import { describe, expect, it } from 'vitest';
import { detectMapping, foldHeader, fullnessOf, mappingForPreset, presetNames, withOverrides } from '../../src/csv/presets.js';
import { fieldNamed } from '../../src/csv/fields.js';

/** field name → header, for readable expectations. */
function mapped(headers: string[], preset?: string): Record<string, string> {
  const m = preset === undefined ? detectMapping(headers) : mappingForPreset(headers, preset)!;
  return Object.fromEntries([...m.columns].map(([f, i]) => [f.name, headers[i]!]));
}

describe('mapping presets', () => {
  it('ships the CRM presets', () => {
    expect(presetNames()).toEqual(['salesforce', 'hubspot', 'pipedrive', 'zoho', 'odoo', 'chinese', 'generic']);
  });

  it('detects a Salesforce report (labels and API names)', () => {
    const h = ['First Name', 'Last Name', 'Title', 'Company / Account', 'Lead Source', 'Industry', 'Email', 'Lead Status', 'Annual Revenue'];
    expect(detectMapping(h).preset).toBe('salesforce');
    expect(mapped(h)).toEqual({ company: 'Company / Account', firstName: 'First Name', lastName: 'Last Name', title: 'Title', email: 'Email', industry: 'Industry', source: 'Lead Source' });
    expect(mapped(['FirstName', 'LastName', 'Company', 'LeadSource'])).toMatchObject({ company: 'Company', source: 'LeadSource', firstName: 'FirstName' });
  });

  it('detects HubSpot', () => {
    const h = ['Record ID', 'First Name', 'Last Name', 'Company Name', 'Job Title', 'Original Source', 'Phone Number'];
    expect(detectMapping(h).preset).toBe('hubspot');
    expect(mapped(h)).toMatchObject({ company: 'Company Name', title: 'Job Title', source: 'Original Source', phone: 'Phone Number' });
  });

  it('maps Pipedrive "Organization - Name", never "Person - Organization" or "Deal - Organization"', () => {
    const h = ['Deal - Title', 'Deal - Organization', 'Person - Organization', 'Organization - Name', 'Person - Name', 'Deal - Value'];
    expect(mapped(h)).toMatchObject({ company: 'Organization - Name', contact: 'Person - Name', price: 'Deal - Value' });
    const noOrg = ['Deal - Title', 'Deal - Organization', 'Person - Organization', 'Person - Name'];
    expect(mapped(noOrg).company).toBeUndefined();
  });

  it('detects Chinese CRM and Excel headers, with required-field marks', () => {
    const h = ['*客户名称', '联系人', '职务', '行业', '来源', '预算（必填）', '金额', '需求', '决策人', '竞品', '手机', '邮箱', '统一社会信用代码', '备注'];
    expect(detectMapping(h).preset).toBe('chinese');
    expect(mapped(h)).toEqual({
      company: '*客户名称',
      creditCode: '统一社会信用代码',
      contact: '联系人',
      title: '职务',
      phone: '手机',
      email: '邮箱',
      industry: '行业',
      source: '来源',
      competitor: '竞品',
      need: '需求',
      signsFinal: '决策人',
      price: '金额',
      budget: '预算（必填）',
    });
    expect(detectMapping(h).unmapped.map((i) => h[i])).toEqual(['备注']);
  });

  it('leaves a header that matches nothing unmapped, never guessed', () => {
    const m = detectMapping(['Firma', 'Ansprechpartner', 'Spalte 3']);
    expect(m.columns.size).toBe(0);
    expect(m.unmapped).toEqual([0, 1, 2]);
  });

  it('folds case, width, spaces and underscores in headers', () => {
    expect(foldHeader('  Ｃｏｍｐａｎｙ_Name ')).toBe('company name');
    expect(mapped(['COMPANY_NAME', 'contact_name'])).toEqual({ company: 'COMPANY_NAME', contact: 'contact_name' });
  });

  it('--preset uses one preset only; overrides move a column to another field', () => {
    const h = ['Company', 'Budget', '预算'];
    expect(mapped(h, 'chinese')).toEqual({ budget: '预算' });
    const m = withOverrides(detectMapping(h), h, new Map([[fieldNamed('price')!, 1], [fieldNamed('budget')!, 2]]));
    expect(Object.fromEntries([...m.columns].map(([f, i]) => [f.name, h[i]]))).toEqual({ company: 'Company', price: 'Budget', budget: '预算' });
    const unmap = withOverrides(m, h, new Map([[fieldNamed('price')!, undefined]]));
    expect(unmap.unmapped).toEqual([1]);
  });
});

describe('choosing columns as an analyst would (issue 11, items 2 and 4)', () => {
  it('maps money headers that name a unit, and keeps the unit', () => {
    const h = ['客户名称', '预算(万元)', '报价（元）', '联系人'];
    const m = detectMapping(h);
    expect(mapped(h)).toMatchObject({ company: '客户名称', budget: '预算(万元)', price: '报价（元）' });
    expect([...m.units].map(([f, u]) => [f.name, u.factor])).toEqual([
      ['price', 1],
      ['budget', 10_000],
    ]);
    const en = ['Company', 'Budget (k)', 'Amount in thousands'];
    expect(mapped(en)).toMatchObject({ budget: 'Budget (k)', price: 'Amount in thousands' });
    expect([...detectMapping(en).units.values()].map((u) => u.factor)).toEqual([1000, 1000]);
  });

  it("HubSpot: of the contact's own Company Name and the associated Company name, the fuller wins and the other fills its gaps", () => {
    const h = ['Record ID', 'First Name', 'Last Name', 'Company Name', 'Email', 'Company name'];
    const sample = Array.from({ length: 100 }, (_, i) => [String(i), 'A', 'B', i < 7 ? 'Own Co' : '', 'a@b.c', i < 27 ? 'Associated Co' : '']);
    const m = detectMapping(h, fullnessOf(sample, () => false));
    expect(m.preset).toBe('hubspot');
    expect(m.columns.get(fieldNamed('company')!)).toBe(5);
    expect(m.fallbacks.get(fieldNamed('company')!)).toEqual([3]);
    expect(m.choices).toMatchObject([{ chosen: 5, others: [3], sampled: 100 }]);
    expect([...m.choices[0]!.filled]).toEqual([
      [5, 27],
      [3, 7],
    ]);
    expect(m.unmapped).toEqual([0]);
    // The other way round, the other one wins.
    const flipped = sample.map((r) => [r[0]!, r[1]!, r[2]!, r[5]!, r[4]!, r[3]!]);
    expect(detectMapping(h, fullnessOf(flipped, () => false)).columns.get(fieldNamed('company')!)).toBe(3);
  });

  it('Odoo crm.lead: partner_name is the company, name (the opportunity title) is nobody', () => {
    const technical = ['id', 'name', 'partner_id', 'partner_name', 'contact_name', 'function', 'email_from', 'phone', 'expected_revenue', 'stage_id', 'user_id', 'company_id'];
    expect(detectMapping(technical).preset).toBe('odoo');
    expect(mapped(technical)).toEqual({ company: 'partner_name', contact: 'contact_name', title: 'function', email: 'email_from', phone: 'phone', price: 'expected_revenue' });
    const labels = ['Opportunity', 'Customer', 'Company Name', 'Contact Name', 'Job Position', 'Email', 'Phone', 'Salesperson', 'Expected Revenue', 'Stage', 'Company'];
    expect(detectMapping(labels).preset).toBe('odoo');
    expect(mapped(labels)).toMatchObject({ company: 'Company Name', contact: 'Contact Name', title: 'Job Position', price: 'Expected Revenue' });
    expect(mapped(labels).contact).not.toBe('Opportunity');
    // Outside Odoo, "Name" is still a contact: a preset's never list holds only while it is in force.
    expect(mapped(['Company', 'Name'])).toEqual({ company: 'Company', contact: 'Name' });
  });

  it('Zoho deals: the deal name is nobody, the amount is the price, expected revenue is not', () => {
    const h = ['Deal Owner', 'Deal Name', 'Account Name', 'Contact Name', 'Amount', 'Stage', 'Expected Revenue', 'Lead Source'];
    expect(mapped(h)).toEqual({ company: 'Account Name', contact: 'Contact Name', price: 'Amount', source: 'Lead Source' });
  });
});
