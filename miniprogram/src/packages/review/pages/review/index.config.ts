export default definePageConfig({
  navigationBarTitleText: '专家论证',
  enablePullDownRefresh: true,
});
