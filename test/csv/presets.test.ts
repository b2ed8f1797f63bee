import { describe, expect, it } from 'vitest';
import { detectMapping, foldHeader, mappingForPreset, presetNames, withOverrides } from '../../src/csv/presets.js';
import { fieldNamed } from '../../src/csv/fields.js';

/** field name → header, for readable expectations. */
function mapped(headers: string[], preset?: string): Record<string, string> {
  const m = preset === undefined ? detectMapping(headers) : mappingForPreset(headers, preset)!;
  return Object.fromEntries([...m.columns].map(([f, i]) => [f.name, headers[i]!]));
}

describe('mapping presets', () => {
  it('ships the CRM presets', () => {
    expect(presetNames()).toEqual(['salesforce', 'hubspot', 'pipedrive', 'zoho', 'chinese', 'generic']);
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
