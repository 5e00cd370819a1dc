export default definePageConfig({ navigationBarTitleText: '实体检测' });
