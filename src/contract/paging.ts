/** List paging (contract.md "Common shapes"): `pageSize` 1–100, default 25 [guide], opaque `cursor`. */
export const PAGE_SIZE_DEFAULT = 25;
export const PAGE_SIZE_MAX = 100;
