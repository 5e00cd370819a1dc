export default definePageConfig({
  navigationBarTitleText: '问题进度',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
