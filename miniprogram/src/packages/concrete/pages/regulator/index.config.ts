export default definePageConfig({ navigationBarTitleText: '混凝土质量监管' });
