export default definePageConfig({ navigationBarTitleText: '预警事件', enablePullDownRefresh: true });
