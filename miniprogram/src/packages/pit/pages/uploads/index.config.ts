export default definePageConfig({
  navigationBarTitleText: '上传记录',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
