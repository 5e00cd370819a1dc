export default definePageConfig({
  navigationBarTitleText: '报警列表',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
