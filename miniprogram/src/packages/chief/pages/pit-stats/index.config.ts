export default definePageConfig({
  navigationBarTitleText: '基坑报警统计',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
