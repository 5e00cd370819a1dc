export default definePageConfig({
  navigationBarTitleText: '论证统计',
});
