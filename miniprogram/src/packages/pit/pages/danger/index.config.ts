export default definePageConfig({
  navigationBarTitleText: '危险报警',
});
