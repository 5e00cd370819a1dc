export default definePageConfig({
  navigationBarTitleText: '商户等级总览',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
