#include "figuretable.h"

#include <QHeaderView>
#include <QStyle>
#include <QTableWidget>

#include <algorithm>

void FigureTable::setUp(QTableWidget *table)
{
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
}

void FigureTable::fit(QTableWidget *table)
{
    QHeaderView *header = table->horizontalHeader();
    const int margin = header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
    // As wide as the figures and the widest header line (a header view's own measure of a
    // two-line CJK title falls a few pixels short).
    table->resizeColumnsToContents();
    for (int c = 0; c < table->columnCount(); ++c) {
        const QTableWidgetItem *item = table->horizontalHeaderItem(c);
        if (!item)
            continue;
        int need = 0;
        for (const QString &line : item->text().split(u'\n'))
            need = std::max(need, header->fontMetrics().horizontalAdvance(line));
        need += 2 * margin + 6;
        if (table->columnWidth(c) < need)
            table->setColumnWidth(c, need);
    }
    // The headers are two lines; a header view measures them lazily, so say it here. Measured
    // on the text itself: a CJK fallback font's lines are taller than the font's.
    int textHeight = 2 * header->fontMetrics().lineSpacing();
    for (int c = 0; c < table->columnCount(); ++c) {
        if (const QTableWidgetItem *item = table->horizontalHeaderItem(c))
            textHeight = std::max(textHeight, header->fontMetrics()
                                                  .boundingRect(QRect(0, 0, 10'000, 10'000), Qt::AlignCenter,
                                                                item->text())
                                                  .height());
    }
    const int headerHeight = std::max(header->sizeHint().height(), textHeight + 2 * margin + 4);
    header->setMinimumHeight(headerHeight);
    int height = headerHeight + 2 * table->frameWidth();
    for (int r = 0; r < table->rowCount(); ++r)
        height += table->rowHeight(r);
    // Wider than its place: the horizontal scroll bar must not cover the last row.
    int width = 2 * table->frameWidth();
    for (int c = 0; c < table->columnCount(); ++c)
        width += table->columnWidth(c);
    if (table->isVisible() && width > table->width())
        height += table->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, table);
    table->setFixedHeight(height);
}
