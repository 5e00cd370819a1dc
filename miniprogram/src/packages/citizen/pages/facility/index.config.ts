export default definePageConfig({
  navigationBarTitleText: '设施详情',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
