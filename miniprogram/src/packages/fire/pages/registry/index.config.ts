export default definePageConfig({ navigationBarTitleText: '检测机构名录' });
