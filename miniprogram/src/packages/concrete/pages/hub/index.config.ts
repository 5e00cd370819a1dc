export default definePageConfig({ navigationBarTitleText: '预拌混凝土' });
