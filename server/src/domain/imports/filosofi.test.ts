import { describe, expect, it } from 'vitest';
import {
  cellIdOf,
  filosofiLayout,
  parseCellId,
  readFilosofiCell,
  splitCommuneCodes,
} from './filosofi';
import { ProblemLog } from './report';

describe('Filosofi grid files', () => {
  it('recognises the columns of the 2019, 2017 and 2015 vintages', () => {
    expect(filosofiLayout(['idcar_200m', 'i_est_200', 'lcog_geo', 'ind', 'ind_0_3'])).toEqual({
      label: 'Filosofi 2019 layout (idcar_200m, lcog_geo, ind_0_3)',
      id: 'idcar_200m',
      communes: 'lcog_geo',
      children: 'ind_0_3',
      people: 'ind',
      imputed: 'i_est_200',
    });
    expect(
      filosofiLayout(['Idcar_200m', 'I_est_200', 'Groupe', 'lcog_geo', 'Ind', 'Ind_0_3']),
    ).toMatchObject({
      label: 'Filosofi 2017 layout (Idcar_200m, lcog_geo, Ind_0_3)',
      imputed: 'I_est_200',
    });
    expect(
      filosofiLayout(['IdINSPIRE', 'I_est_cr', 'Groupe', 'Depcom', 'Ind', 'Ind_0_3']),
    ).toMatchObject({
      label: 'Filosofi 2015 layout (IdINSPIRE, Depcom, Ind_0_3)',
      communes: 'Depcom',
      imputed: 'I_est_cr',
    });
  });

  it('names the columns a file lacks', () => {
    expect(filosofiLayout(['CODGEO', 'P21_POP0002'])).toEqual({
      error:
        'not a Filosofi 200 m grid: no column idcar_200m (2015: IdINSPIRE), lcog_geo (2015: Depcom), ind_0_3 (found CODGEO, P21_POP0002)',
    });
  });

  it('reads the CRS, size and south-west corner from a cell id', () => {
    expect(parseCellId('CRS3035RES200mN2029800E4252400')).toEqual({
      srid: 3035,
      sizeM: 200,
      northM: 2029800,
      eastM: 4252400,
    });
    expect(cellIdOf(parseCellId('crs5490RES200mN1790000E687000') as never)).toBe(
      'CRS5490RES200mN1790000E687000',
    );
    expect(parseCellId('N2029800E4252400')).toEqual({
      error: 'not a cell id such as CRS3035RES200mN2029800E4252400 (CRS, size, north, east)',
    });
  });

  it('splits lcog_geo into the communes of a cell on a commune line', () => {
    expect(splitCommuneCodes('1820518033')).toEqual(['18205', '18033']);
    expect(splitCommuneCodes('2A0042A041')).toEqual(['2A004', '2A041']);
    expect(splitCommuneCodes('18033')).toEqual(['18033']);
    expect(splitCommuneCodes('1803')).toEqual({
      error: 'not INSEE commune codes (5 characters each, run together in lcog_geo)',
    });
    expect(splitCommuneCodes('')).toEqual({ error: 'no commune code' });
  });

  it('rejects a cell with negative children, an unreadable count or an imputation flag other than 0/1, naming row and column', () => {
    const layout = filosofiLayout(['idcar_200m', 'i_est_200', 'lcog_geo', 'ind', 'ind_0_3']);
    if ('error' in layout) throw new Error(layout.error);
    const log = new ProblemLog();
    const read = (values: Record<string, string>, row: number) =>
      readFilosofiCell(layout, (c) => values[c] ?? '', row, log);
    const id = 'CRS3035RES200mN2692400E3744400';
    expect(read({ idcar_200m: id, ind_0_3: '-1' }, 2)).toBeNull();
    expect(read({ idcar_200m: id, ind_0_3: 'deux' }, 3)).toBeNull();
    expect(read({ idcar_200m: id, ind_0_3: '2', i_est_200: 'oui' }, 4)).toBeNull();
    expect(read({ idcar_200m: id, ind_0_3: '2,5', ind: '12', i_est_200: '1' }, 5)).toMatchObject({
      cellId: id,
      children: 2.5,
      people: 12,
      imputed: true,
    });
    expect(log.problems.map((p) => [p.row, p.column, p.value, p.reason])).toEqual([
      [2, 'ind_0_3', '-1', 'not a non-negative number'],
      [3, 'ind_0_3', 'deux', 'not a non-negative number'],
      [4, 'i_est_200', 'oui', 'imputation flag must be 0 or 1'],
    ]);
  });
});
