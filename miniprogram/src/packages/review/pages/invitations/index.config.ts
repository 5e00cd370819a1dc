export default definePageConfig({
  navigationBarTitleText: '论证邀请',
  enablePullDownRefresh: true,
});
