/**
 * Form rules of the onboarding pages: checked before sending (the server checks again with the same limits).
 */
import { DEPTH_MAX_M, DEPTH_MIN_M, POINT_FILE_MAX_BYTES, POINT_FILE_TOO_LARGE, PROJECT_ADDRESS_MAX, PROJECT_NAME_MAX } from '@cityloop/shared/pit/onboard.limits';

export type ProjectForm = { name: string; address: string; lng: string; lat: string; depthM: string; safetyLevel: 1 | 2 | 3; supportType: string; townId: string };

/** The first problem of the create/edit form, or null. */
export function projectFormProblem(f: ProjectForm): string | null {
  if (f.name.trim().length < 2) return '请填写项目名称';
  if (f.name.trim().length > PROJECT_NAME_MAX) return `项目名称不超过 ${PROJECT_NAME_MAX} 字`;
  if (f.address.trim().length < 4) return '请填写项目地址';
  if (f.address.trim().length > PROJECT_ADDRESS_MAX) return `地址不超过 ${PROJECT_ADDRESS_MAX} 字`;
  const lng = Number(f.lng);
  const lat = Number(f.lat);
  if (!f.lng.trim() || !f.lat.trim() || !Number.isFinite(lng) || !Number.isFinite(lat)) return '请填写项目位置（经度、纬度）';
  if (lng < 73 || lng > 136 || lat < 3 || lat > 54) return '经纬度不在中国境内，请核对（GCJ-02）';
  const d = Number(f.depthM);
  if (!f.depthM.trim() || !Number.isFinite(d) || d < DEPTH_MIN_M || d > DEPTH_MAX_M) return `开挖深度应在 ${DEPTH_MIN_M}～${DEPTH_MAX_M} 米之间`;
  if (!f.supportType) return '请选择支护形式';
  if (!f.townId) return '请选择镇街';
  return null;
}

/**
 * People typed one per line as `姓名 手机号` (space, comma or tab between).
 * @example parsePeople('李建设 13912340001') // { people: [{ name: '李建设', phone: '13912340001' }], problem: null }
 */
export function parsePeople(text: string): { people: { name: string; phone: string }[]; problem: string | null } {
  const people: { name: string; phone: string }[] = [];
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  for (const [i, line] of lines.entries()) {
    const m = /^(.+?)[\s,，\t]+(1[3-9]\d{9})$/.exec(line);
    if (!m) return { people, problem: `第 ${i + 1} 行应为“姓名 手机号”，手机号为 11 位` };
    people.push({ name: m[1].trim(), phone: m[2] });
  }
  return { people, problem: null };
}

/** The point file's problem before reading it (size, kind), or null. */
export function pointFileProblem(f: { name: string; size: number }): string | null {
  if (f.size > POINT_FILE_MAX_BYTES) return POINT_FILE_TOO_LARGE;
  if (!/\.(xlsx|xls|csv)$/i.test(f.name)) return '请选择 Excel（.xlsx）或 CSV 文件';
  return null;
}

/** Benchmarks typed one per line as `编号 高程`. */
export function parseBenchmarks(text: string): { benchmarks: Record<string, number>; problem: string | null } {
  const benchmarks: Record<string, number> = {};
  for (const [i, line] of text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).entries()) {
    const m = /^([A-Za-z0-9_-]{1,20})[\s,，]+(-?\d+(?:\.\d+)?)$/.exec(line);
    if (!m) return { benchmarks, problem: `基准点第 ${i + 1} 行应为“编号 高程”，如 BM1 100.000` };
    benchmarks[m[1]] = Number(m[2]);
  }
  return { benchmarks, problem: null };
}

/** Control points typed one per line as `编号 E N [H]`. */
export function parseControlPoints(text: string): { points: Record<string, { E: number; N: number; H?: number }>; problem: string | null } {
  const points: Record<string, { E: number; N: number; H?: number }> = {};
  for (const [i, line] of text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).entries()) {
    const m = /^([A-Za-z0-9_-]{1,20})[\s,，]+(-?\d+(?:\.\d+)?)[\s,，]+(-?\d+(?:\.\d+)?)(?:[\s,，]+(-?\d+(?:\.\d+)?))?$/.exec(line);
    if (!m) return { points, problem: `控制点第 ${i + 1} 行应为“编号 E N [高程]”` };
    points[m[1]] = { E: Number(m[2]), N: Number(m[3]), ...(m[4] !== undefined ? { H: Number(m[4]) } : {}) };
  }
  return { points, problem: null };
}
