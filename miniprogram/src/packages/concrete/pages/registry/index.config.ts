export default definePageConfig({ navigationBarTitleText: '混凝土登记管理' });
