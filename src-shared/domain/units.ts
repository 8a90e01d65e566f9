/**
 * Units (单位) as the registration form of manual chapter 3 describes them: the lists the form offers
 * and the rules a licence scan must meet. The server checks the same rules.
 */

/** 单位性质 */
export const UNIT_NATURES = ['机关', '事业单位', '国有企业', '民营企业', '社会组织', '其他'] as const;
export type UnitNature = (typeof UNIT_NATURES)[number];

/** 所属行业: the 20 sections (门类) of GB/T 4754-2017. */
export const INDUSTRIES = [
  '农、林、牧、渔业',
  '采矿业',
  '制造业',
  '电力、热力、燃气及水生产和供应业',
  '建筑业',
  '批发和零售业',
  '交通运输、仓储和邮政业',
  '住宿和餐饮业',
  '信息传输、软件和信息技术服务业',
  '金融业',
  '房地产业',
  '租赁和商务服务业',
  '科学研究和技术服务业',
  '水利、环境和公共设施管理业',
  '居民服务、修理和其他服务业',
  '教育',
  '卫生和社会工作',
  '文化、体育和娱乐业',
  '公共管理、社会保障和社会组织',
  '国际组织',
] as const;
export type Industry = (typeof INDUSTRIES)[number];

/** What a person can register: a 单位 under a 主管部门, or a 主管部门 under the 职改办 or another department. */
export const REGISTRABLE_UNIT_KINDS = ['unit', 'department'] as const;

export const UNIT_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];
export const UNIT_STATUS_LABELS: Readonly<Record<UnitStatus, string>> = {
  pending: '待审核',
  approved: '审核通过',
  rejected: '审核不通过',
};

// --- the licence scan (营业执照/法人证书) ----------------------------------------------------------------

export const LICENCE_MAX_BYTES = 10 * 1024 * 1024;

export const SCAN_TYPES = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPG',
} as const;
export type ScanMimeType = keyof typeof SCAN_TYPES;

/**
 * The file's type from its first bytes, never from its name: a renamed .exe stays an .exe. Returns
 * null for anything that is not a PDF, PNG or JPEG.
 */
export function detectScanType(head: Uint8Array): ScanMimeType | null {
  const starts = (...bytes: number[]) => bytes.every((byte, i) => head[i] === byte);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf'; // %PDF-
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  return null;
}

/** The Chinese message for a scan that cannot be accepted, or null when it can. */
export function licenceProblem(size: number, type: ScanMimeType | null): string | null {
  if (size === 0) return '上传的文件是空的,请重新选择';
  if (size > LICENCE_MAX_BYTES) return '文件不能超过10MB,请压缩或重新扫描后上传';
  if (type === null) return '只能上传PDF、JPG或PNG格式的营业执照/法人证书扫描件';
  return null;
}
