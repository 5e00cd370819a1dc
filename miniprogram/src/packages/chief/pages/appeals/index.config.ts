export default definePageConfig({
  navigationBarTitleText: '申诉审核',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
