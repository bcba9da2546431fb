// Joins label matchers, leaving out empty ones: join(['', 'engine="postgres"']) == 'engine="postgres"'.
{
  join(matchers):: std.join(', ', [m for m in matchers if m != '']),
}
