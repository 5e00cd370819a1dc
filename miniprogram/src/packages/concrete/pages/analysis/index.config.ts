export default definePageConfig({ navigationBarTitleText: '质量分析' });
