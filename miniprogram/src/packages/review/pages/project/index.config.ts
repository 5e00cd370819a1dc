export default definePageConfig({
  navigationBarTitleText: '危大工程项目',
});
