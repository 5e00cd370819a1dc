export default definePageConfig({
  navigationBarTitleText: '基坑详情',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
