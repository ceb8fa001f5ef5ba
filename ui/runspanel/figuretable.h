#pragma once

class QTableWidget;

/*!
 * \brief The compact figure tables of the Runs panel's Server and Workload tabs: a row per
 * endpoint, two-line headers, every column as wide as its figures and its widest header line,
 * and the table as tall as its rows so that the charts under it keep their height.
 */
namespace FigureTable {
/// Read-only, no selection, no row numbers, rows one line high.
void setUp(QTableWidget *table);
/// Sizes the columns and the height after the cells are filled (call after every refill).
void fit(QTableWidget *table);
} // namespace FigureTable
