export {
  type BusinessResolution,
  businessResolutionByGroup,
  type CompletedSpan,
} from './business-resolution'
export { percentileCont, roundSeconds } from './percentiles'
export { type ReportPeriod, reportPeriod } from './report-period'
