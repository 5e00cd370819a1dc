export default definePageConfig({
  navigationBarTitleText: '巡查签到',
});
