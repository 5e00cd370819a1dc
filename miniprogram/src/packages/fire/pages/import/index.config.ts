export default definePageConfig({ navigationBarTitleText: '批量导入检测机构' });
