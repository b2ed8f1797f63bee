import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generalKey, isCreditCode, normaliseCompany, normaliseCreditCode } from '../../src/domain/company.js';

describe('normaliseCompany', () => {
  it.each([
    ['Acme Co., Ltd.', 'acme'],
    ['ACME CO.,LTD', 'acme'],
    ['Acme Co.Ltd.', 'acme'],
    ['acme', 'acme'],
    ['Ａｃｍｅ　Ｉｎｃ．', 'acme'], // full-width letters, space and dot
    ['Acme, Inc.', 'acme'],
    ['Acme Incorporated', 'acme'],
    ['Acme Corp.', 'acme'],
    ['Acme Corporation', 'acme'],
    ['Acme L.L.C.', 'acme'],
    ['Acme LLC', 'acme'],
    ['Acme Limited', 'acme'],
    ['Acme GmbH', 'acme'],
    ['Volkswagen AG', 'volkswagen'],
    ['Banco Santander S.A.', 'bancosantander'],
    ['Barclays PLC', 'barclays'],
    ['Acme Pte. Ltd.', 'acme'],
    ['Ford Motor Company', 'fordmotor'],
    ["McDonald's Corporation", "mcdonald's"],
    ['Coca-Cola', 'coca-cola'],
    ['华为技术有限公司', '华为技术'],
    ['华为技术股份有限公司', '华为技术'],
    ['华为技术有限责任公司', '华为技术'],
    ['华为技术公司', '华为技术'],
    ['华为技术', '华为技术'],
    [' 华为 技术 有限公司 ', '华为技术'],
    ['腾讯科技（深圳）有限公司', '腾讯科技(深圳)'],
    ['腾讯科技(深圳)有限公司', '腾讯科技(深圳)'],
    ['上海华信科技有限公司。', '上海华信科技'],
    ['《读者》杂志社', '《读者》杂志社'],
    ['Acme, Inc', 'acme'],
    ['Acme - Ltd', 'acme'],
    ['华信，有限公司。', '华信'],
    ['Huawei Technologies Co., Ltd.', 'huaweitechnologies'],
  ])('%s → %s', (name, key) => {
    expect(normaliseCompany(name)).toBe(key);
  });

  it.each([
    // Conservative: these name different legal entities, so they keep their words.
    ['Acme Holdings', 'acmeholdings'],
    ['Acme Group', 'acmegroup'],
    ['阿里巴巴集团有限公司', '阿里巴巴集团'],
    // A suffix-like ending inside a word is not a suffix.
    ['Sag', 'sag'],
    ['Saga', 'saga'],
    ['Bioinc', 'bioinc'],
  ])('keeps %s apart: %s', (name, key) => {
    expect(normaliseCompany(name)).toBe(key);
  });

  it.each([
    ['有限公司', '有限公司'],
    ['公司', '公司'],
    ['Ltd', 'ltd'],
    ['Co., Ltd.', 'co'],
    ['!!!', '!!!'],
  ])('never empty for a non-empty name: %s → %s', (name, key) => {
    expect(normaliseCompany(name)).toBe(key);
  });

  it.each([
    // Issue 9, item 18: punctuation, symbols and the order of digits tell companies apart.
    ['C&A', 'CA, Inc.'],
    ['Co 1_20', 'Co 12_0'],
    ['Acme-Tech', 'AcmeTech'],
    ['A+B Ltd', 'AB Ltd'],
    ['@home', 'home'],
    ['#1 Cleaners', '1 Cleaners'],
    ['Acme.', 'Acme'],
  ])('keeps %s and %s apart', (a, b) => {
    expect(normaliseCompany(a)).not.toBe(normaliseCompany(b));
  });

  it('tells apart every two of 500,000 generated names "Co <i>_<j>" (477,509 leads from 500,000 before)', () => {
    const keys = new Set<string>();
    for (let i = 0; i < 500_000; i++) keys.add(normaliseCompany(`Co ${Math.floor(i / 100)}_${i % 100}`));
    expect(keys.size).toBe(500_000);
  });

  it('a name of ideographs, digits and small letters (the short way) gets the key the general way gives it', () => {
    // A leading space sends a name the general way (it folds, trims and looks for a Latin legal form).
    const chars = [...'上海华信科技股份有限责任公司集团0123456789abcoltdinc一鿿Aａ（. ，'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 14 }), (picked) => {
        const name = picked.join('');
        expect(normaliseCompany(name)).toBe(normaliseCompany(` ${name}`));
      }),
      { numRuns: 3000 },
    );
    expect(normaliseCompany('上海博远500000信息技术股份有限公司')).toBe('上海博远500000信息技术');
    expect(normaliseCompany('有限公司')).toBe('有限公司');
  });

  it('a name of printable ASCII (the short way) gets the key the general way gives it', () => {
    const pieces = [
      ...['Acme', 'UMBRELLA', 'wayne', 'a', 'B', '1', '12', '0'],
      ...['Co', 'co.', 'Co.,Ltd.', 'CoLtd', 'Company', 'LTD', 'Ltd.', 'Limited', 'Inc', 'inc.', 'Incorporated', 'Corp', 'Corporation'],
      ...['LLC', 'L.L.C.', 'GmbH', 'AG', 'S.A.', 'sa', 'PLC', 'Pte', 'Pty', 'Holdings', 'Group'],
      ...[' ', '  ', ',', ', ', '.', '..', ';', ':', '-', ' - ', '&', '_', '(', ')', "'", '"', '/', '!', '~', '#', '+', '@'],
      // Characters past printable ASCII: such a name goes the general way.
      ...['\t', '\r\n', '\u00a0', '\u007f', 'Ｌｔｄ', '，'],
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 9 }), (picked) => {
        const name = picked.join('');
        expect(normaliseCompany(name), name).toBe(generalKey(name));
      }),
      { numRuns: 20000 },
    );
    expect(normaliseCompany('Umbrella 1 LLC')).toBe('umbrella1');
    expect(normaliseCompany('Acme Co., Ltd.')).toBe('acme');
    expect(normaliseCompany(' -- ')).toBe('--');
  });

  it('does not merge distinct companies that share a prefix', () => {
    expect(normaliseCompany('华信科技有限公司')).not.toBe(normaliseCompany('华信科技发展有限公司'));
    expect(normaliseCompany('Acme Inc.')).not.toBe(normaliseCompany('Acme Labs Inc.'));
  });

  it('is fast enough for a CSV hot loop (100k names well under a second)', () => {
    const names = Array.from({ length: 100_000 }, (_, i) => (i % 2 === 0 ? `上海华信科技${i}有限公司` : `Acme ${i} Co., Ltd.`));
    const start = performance.now();
    for (const n of names) normaliseCompany(n);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe('isCreditCode (GB 32100-2015)', () => {
  it.each(['91350100M000100Y43', '91110000802100433B', '91440300708461136T'])('accepts %s', (code) => {
    expect(isCreditCode(code)).toBe(true);
  });

  it.each([
    ['wrong check character', '91350100M000100Y44'],
    ['letter O', '9135O100M000100Y43'],
    ['letter I', '91350100M0001I0Y43'],
    ['too short', '91350100M000100Y4'],
    ['too long', '91350100M000100Y431'],
    ['lower case', '91350100m000100y43'],
    ['empty', ''],
    ['all zeros (check is 0 only if the sum is)', '000000000000000001'],
  ])('refuses %s', (_why, code) => {
    expect(isCreditCode(code)).toBe(false);
  });

  it('normalises what reps type: full width, lower case, spaces', () => {
    expect(normaliseCreditCode(' ９１３５０１００ｍ０００１００ｙ４３ ')).toBe('91350100M000100Y43');
    expect(isCreditCode(normaliseCreditCode('91350100-m000100y43'))).toBe(true);
  });
});
