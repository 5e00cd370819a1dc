export default definePageConfig({
  navigationBarTitleText: '今日巡查',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
