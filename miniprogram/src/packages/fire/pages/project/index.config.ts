export default definePageConfig({ navigationBarTitleText: '检测项目', enablePullDownRefresh: true });
