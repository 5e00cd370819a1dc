export default definePageConfig({
  navigationBarTitleText: '登记危大工程',
});
