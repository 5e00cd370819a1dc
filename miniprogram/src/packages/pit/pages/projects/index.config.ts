export default definePageConfig({
  navigationBarTitleText: '基坑项目',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
