import { existsSync } from 'node:fs';
import { invalid } from '@cityloop/shared/errors';

/**
 * A PDF with Chinese text needs a whole CJK font embedded (subsetted by pdfkit). Locally: Debian's
 * fonts-wqy-microhei (installed by .ci/run); on SCF: put the font in a layer and set REPORT_FONT_PATH.
 */
// family = the PostScript name of the face inside a .ttc collection (what fontkit selects by)
const CANDIDATES = [
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/opt/fonts/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
];

export function cjkFont(env: NodeJS.ProcessEnv = process.env): { path: string; family?: string } {
  if (env.REPORT_FONT_PATH) {
    if (!existsSync(env.REPORT_FONT_PATH)) throw new Error(`REPORT_FONT_PATH ${env.REPORT_FONT_PATH} does not exist`);
    return { path: env.REPORT_FONT_PATH, family: env.REPORT_FONT_FAMILY };
  }
  const found = CANDIDATES.find((c) => existsSync(c.path));
  if (!found) throw invalid('服务器未安装中文字体，暂时无法生成 PDF 报表（管理员：安装 fonts-wqy-microhei 或设置 REPORT_FONT_PATH）', 'report_font_missing');
  return found;
}
