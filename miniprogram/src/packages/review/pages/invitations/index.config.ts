export default definePageConfig({
  navigationBarTitleText: '我的论证邀请',
  enablePullDownRefresh: true,
});
