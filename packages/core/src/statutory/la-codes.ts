/**
 * Local-authority codes a UPN may carry in characters 2–4 (CIN census rule
 * 1530). Public data: the DfE's post-April-1998 local-authority codes and its
 * "pseudo LA" codes, as listed in the wording of rule 1530 in the DfE's
 * "Children in need census 2024 to 2025: validation rules" (the list the
 * community validator csc-validator-be-cin v0.1.9 also holds, read on
 * 6 December 2026), plus 942 Cumberland and 943 Westmorland and Furness
 * (authorities from 1 April 2023, added to the rule from 2023/24).
 * Ranges are inclusive.
 */
const LA_CODE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [1, 5],
  [201, 213], // City of London and inner London boroughs
  [301, 320], // outer London boroughs
  [330, 336], // West Midlands metropolitan districts
  [340, 344], // Merseyside
  [350, 359], // Greater Manchester
  [370, 373], // South Yorkshire
  [380, 384], // West Yorkshire
  [390, 394], // Tyne and Wear
  [420, 420], // Isles of Scilly
  [660, 681],
  [701, 708],
  [800, 803],
  [805, 808],
  [810, 813],
  [815, 816],
  [820, 823],
  [825, 826],
  [830, 831],
  [835, 841],
  [845, 846],
  [850, 852],
  [855, 857],
  [860, 861],
  [865, 896],
  [908, 909],
  [916, 916],
  [919, 919],
  [921, 921],
  [925, 926],
  [928, 929],
  [931, 931],
  [933, 933],
  [935, 938],
  [940, 943], // 940 North and 941 West Northamptonshire (2021); 942 Cumberland and 943 Westmorland and Furness (2023)
];

/** Every recognised code as three digits ("001", "201", …). */
export const LA_CODES: ReadonlySet<string> = new Set(LA_CODE_RANGES.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i).padStart(3, "0"))));

/** Whether a three-character code is a recognised DfE local-authority (or pseudo LA) code. */
export const isLaCode = (code: string): boolean => LA_CODES.has(code);
