// The end-to-end walk-through of a campaign on the embedded default. Each step is one part of the workflow;
// later steps (creators, discovery, contracts, payments, metrics) build on the ones before.
using CreatorMarketplace;
using CreatorMarketplace.Samples.Workflow;
using NodaTime;

// The application owns the clock and hands it to the library; the library never reads the system time itself.
IClock clock = SystemClock.Instance;

Console.WriteLine("CreatorMarketplace.Core: campaign walk-through");
Console.WriteLine();

MoneyStep.Run(clock, Console.Out);
var maya = CreatorStep.Run(clock, Console.Out);
var catalog = await DiscoveryStep.Run(clock, Console.Out);
await EligibilityStep.Run(clock, catalog, Console.Out);
await ContractsStep.Run(clock, maya, catalog, Console.Out);
var campaign = await CampaignStep.Run(clock, catalog, Console.Out);
await PaymentsStep.Run(campaign, Console.Out);

// The report goes to the path given as the first argument or in CAMPAIGN_REPORT_PATH, else under artifacts/.
var reportPath = args.FirstOrDefault() ?? Environment.GetEnvironmentVariable("CAMPAIGN_REPORT_PATH") ?? Path.Combine("artifacts", "campaign-report.html");
await MetricsStep.Run(campaign, catalog, reportPath, Console.Out);

return 0;
