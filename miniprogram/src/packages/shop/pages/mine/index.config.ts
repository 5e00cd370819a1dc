export default definePageConfig({
  navigationBarTitleText: '责任牌',
  enablePullDownRefresh: true,
});
