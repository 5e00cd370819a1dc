export default definePageConfig({ navigationBarTitleText: '设施管理', backgroundTextStyle: 'dark' });
