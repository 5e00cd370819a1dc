export default definePageConfig({
  navigationBarTitleText: '专家库管理',
  enablePullDownRefresh: true,
});
