export default definePageConfig({
  navigationBarTitleText: '危大工程专家论证',
  enablePullDownRefresh: true,
});
