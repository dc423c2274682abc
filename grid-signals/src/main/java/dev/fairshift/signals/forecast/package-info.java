/**
 * Carbon-intensity forecasts for horizons a provider does not cover, and their measured error.
 *
 * <p>{@link dev.fairshift.signals.forecast.Forecaster} is the model (persistence, seasonal naive,
 * regression, Holt-Winters), {@link dev.fairshift.signals.forecast.Forecasts} turns a source's
 * history into a forecast or a core {@code ZoneIntensity} planned on the forecast and evaluated on
 * actuals, and {@link dev.fairshift.signals.forecast.ForecastEvaluation} backtests a model with
 * rolling origins (MAE and MAPE). {@link dev.fairshift.signals.forecast.ForecastBacktest} prints
 * the error table of the README from the embedded real data.
 */
package dev.fairshift.signals.forecast;
