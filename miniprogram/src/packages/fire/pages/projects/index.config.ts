export default definePageConfig({ navigationBarTitleText: '消防检测项目' });
