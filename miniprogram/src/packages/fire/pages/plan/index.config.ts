export default definePageConfig({ navigationBarTitleText: '新建检测项目' });
