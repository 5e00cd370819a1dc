export default definePageConfig({
  navigationBarTitleText: '登记商户',
});
