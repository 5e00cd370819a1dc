/** Leica GSI word indexes (docs/domain/pit.md §3.1) in Chinese, for messages people read (upload errors, QA flags). */
export const GSI_WORD_NAMES_ZH: Readonly<Record<number, string>> = {
  11: '点号', 21: '水平角', 22: '竖直角', 25: '水平角差', 31: '斜距', 32: '平距', 33: '高差', 35: '视距差',
  81: '目标东坐标', 82: '目标北坐标', 83: '高程', 84: '测站东坐标', 85: '测站北坐标', 86: '测站高程', 87: '棱镜高', 88: '仪器高',
  330: '标尺读数', 331: '后视读数', 332: '前视读数', 333: '中间视读数', 334: '放样读数', 335: '第二次后视读数', 336: '第二次前视读数',
  374: '放样高差', 390: '重复读数次数', 391: '读数标准差', 392: '读数较差', 571: '测站差', 572: '累计测站差', 573: '视距差', 574: '路线长度',
};

/**
 * `高程（WI 83）`, or `WI 999` for a word index without a Chinese name.
 * @example gsiWordZh(571) // '测站差（WI 571）'
 */
export const gsiWordZh = (wi: number): string => (GSI_WORD_NAMES_ZH[wi] ? `${GSI_WORD_NAMES_ZH[wi]}（WI ${wi}）` : `WI ${wi}`);
