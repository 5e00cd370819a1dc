export default definePageConfig({ navigationBarTitleText: '工程项目 · 混凝土' });
