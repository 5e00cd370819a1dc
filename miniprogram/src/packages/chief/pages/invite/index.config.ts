export default definePageConfig({
  navigationBarTitleText: '邀请巡查员',
});
