export default definePageConfig({ navigationBarTitleText: '检测机构档案', enablePullDownRefresh: true });
