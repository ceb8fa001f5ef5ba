#include "layoutaudit.h"

#include "charts/chartview.h"
#include "charts/palette.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLayout>
#include <QLegend>
#include <QLegendMarker>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollBar>
#include <QSet>
#include <QSplitterHandle>
#include <QStyleOptionButton>
#include <QStyleOptionComboBox>
#include <QTabBar>
#include <QTableView>
#include <QTextDocument>
#include <QToolButton>

#include <algorithm>
#include <cmath>

namespace LayoutAudit {
namespace {

// Protected members read through a pointer to member taken in a derived class, the one
// legal way in to them from outside.
struct TabBarAccess : QTabBar
{
    using QTabBar::tabSizeHint;
};
struct ViewAccess : QAbstractItemView
{
    using QAbstractItemView::initViewItemOption;
};

/// \a c drawn over the opaque \a background.
QColor over(const QColor &c, const QColor &background)
{
    const double a = c.alphaF();
    if (a >= 1.0)
        return c;
    return QColor::fromRgbF(float(c.redF() * a + background.redF() * (1 - a)),
                            float(c.greenF() * a + background.greenF() * (1 - a)),
                            float(c.blueF() * a + background.blueF() * (1 - a)));
}

QString nameOf(const QObject *o)
{
    QString name = QString::fromLatin1(o->metaObject()->className());
    if (!o->objectName().isEmpty() && !o->objectName().startsWith(u"qt_"))
        name += u'#' + o->objectName();
    return name;
}

QString pathOf(const QWidget *w, const QWidget *window)
{
    QStringList parts;
    for (const QWidget *p = w; p; p = p->parentWidget()) {
        // Anonymous plain containers say nothing; named widgets and classes of our own do.
        const bool anonymousContainer = p->objectName().isEmpty()
            && (qstrcmp(p->metaObject()->className(), "QWidget") == 0
                || qstrcmp(p->metaObject()->className(), "QStackedWidget") == 0
                || qstrcmp(p->metaObject()->className(), "QFrame") == 0);
        if (!anonymousContainer || p == w)
            parts.prepend(nameOf(p));
        if (p == window)
            break;
    }
    return parts.join(u'/');
}

QString withoutMnemonic(QString text)
{
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(u'&');
    text.replace(u'\x01', u'&');
    return text;
}

int widestLine(const QFontMetrics &fm, const QString &text)
{
    int widest = 0;
    const QStringList lines = text.split(u'\n');
    for (const QString &line : lines)
        widest = std::max(widest, fm.horizontalAdvance(line));
    return widest;
}

/// Visible and not scrolled or clipped entirely out of its window. (Not visibleRegion(): it
/// leaves out what opaque children cover, which for a scroll area is all of it.)
bool isShown(const QWidget *w)
{
    if (!w->isVisible())
        return false;
    QRect r = w->rect();
    for (const QWidget *p = w; !p->isWindow() && p->parentWidget(); p = p->parentWidget()) {
        r = r.translated(p->pos()) & p->parentWidget()->rect();
        if (r.isEmpty())
            return false;
    }
    return true;
}

/// True when some ancestor up to \a window asked to be left out of the audit.
bool skipped(const QWidget *w, const QWidget *window)
{
    for (const QWidget *p = w; p && p != window; p = p->parentWidget()) {
        if (p->property("auditSkip").toBool())
            return true;
    }
    return false;
}

bool layoutContains(const QLayout *layout, const QWidget *w)
{
    if (!layout)
        return false;
    for (int i = 0; i < layout->count(); ++i) {
        QLayoutItem *item = layout->itemAt(i);
        if (item->widget() == w)
            return true;
        if (item->layout() && layoutContains(item->layout(), w))
            return true;
    }
    return false;
}

/// Widgets that are parts of a Qt composite widget; their owner is checked instead.
bool isInternal(const QWidget *w)
{
    if (qobject_cast<const QScrollBar *>(w) || qobject_cast<const QSplitterHandle *>(w))
        return true;
    const QWidget *parent = w->parentWidget();
    if (!parent)
        return false;
    if (qobject_cast<const QAbstractSpinBox *>(parent) || qobject_cast<const QComboBox *>(parent)
        || qobject_cast<const QTabBar *>(parent) || qobject_cast<const QAbstractItemView *>(parent))
        return true;
    if (parent->parentWidget() && qobject_cast<const QAbstractItemView *>(parent->parentWidget()))
        return true; // editors and index widgets on a view's viewport
    return false;
}

class Auditor
{
public:
    explicit Auditor(QWidget *window)
        : m_window(window)
    {
    }

    QList<Finding> run()
    {
        visit(m_window);
        return m_findings;
    }

private:
    void add(const QWidget *w, const QString &problem, const QString &text)
    {
        m_findings.append({ pathOf(w, m_window), problem, text });
    }

    void visit(QWidget *w)
    {
        if (!isShown(w) || skipped(w, m_window))
            return;
        if (!isInternal(w)) {
            checkText(w);
            checkContrast(w);
            checkSqueezed(w);
            checkOverlaps(w);
            if (auto *chart = qobject_cast<ChartView *>(w))
                checkChart(chart);
        }
        const QObjectList children = w->children();
        for (QObject *child : children) {
            if (auto *cw = qobject_cast<QWidget *>(child); cw && !cw->isWindow())
                visit(cw);
        }
    }

    // --- text that does not fit ------------------------------------------------------------

    void checkText(QWidget *w)
    {
        if (auto *label = qobject_cast<QLabel *>(w))
            checkLabel(label);
        else if (auto *push = qobject_cast<QPushButton *>(w))
            checkPushButton(push);
        else if (auto *button = qobject_cast<QAbstractButton *>(w))
            checkButton(button);
        else if (auto *combo = qobject_cast<QComboBox *>(w))
            checkCombo(combo);
        else if (auto *tabs = qobject_cast<QTabBar *>(w))
            checkTabs(tabs);
        else if (auto *group = qobject_cast<QGroupBox *>(w))
            checkGroup(group);
        if (auto *view = qobject_cast<QAbstractItemView *>(w))
            checkView(view);
    }

    void checkLabel(QLabel *label)
    {
        if (label->text().isEmpty() || !label->pixmap().isNull())
            return;
        const QString text = label->text();
        if (label->wordWrap()) {
            const int need = label->heightForWidth(label->width());
            if (need > label->height() + 1)
                add(label, QStringLiteral("wrapped text cut off at the bottom: needs %1 px of height, has %2")
                               .arg(need).arg(label->height()), text);
            return;
        }
        const QSize need = label->sizeHint();
        if (need.width() > label->width() + 1)
            add(label, QStringLiteral("text cut off: needs %1 px of width, has %2").arg(need.width()).arg(label->width()),
                text);
        else if (need.height() > label->height() + 1)
            add(label, QStringLiteral("text cut off: needs %1 px of height, has %2").arg(need.height()).arg(label->height()),
                text);
    }

    void checkPushButton(QPushButton *button)
    {
        const QString text = withoutMnemonic(button->text());
        if (text.isEmpty())
            return;
        // Not sizeHint(): Fusion widens every button to 80 px, which says nothing of the text.
        const QFontMetrics fm(button->font());
        const QStyle *style = button->style();
        // What QCommonStyle adds around a push button's contents: one button margin, two frames.
        int need = widestLine(fm, text) + style->pixelMetric(QStyle::PM_ButtonMargin, nullptr, button)
            + 2 * style->pixelMetric(QStyle::PM_DefaultFrameWidth, nullptr, button);
        if (!button->icon().isNull())
            need += button->iconSize().width() + 4;
        if (button->menu())
            need += style->pixelMetric(QStyle::PM_MenuButtonIndicator, nullptr, button);
        if (need > button->width() + 1)
            add(button, QStringLiteral("button text cut off: needs %1 px, has %2").arg(need).arg(button->width()), text);
    }

    void checkButton(QAbstractButton *button)
    {
        const QString text = withoutMnemonic(button->text());
        if (text.isEmpty())
            return;
        if (auto *tool = qobject_cast<QToolButton *>(button); tool && tool->toolButtonStyle() == Qt::ToolButtonIconOnly)
            return;
        const QSize need = button->sizeHint();
        if (need.width() > button->width() + 1)
            add(button, QStringLiteral("text cut off: needs %1 px of width, has %2").arg(need.width()).arg(button->width()),
                text);
    }

    void checkCombo(QComboBox *combo)
    {
        if (combo->isEditable() || combo->currentText().isEmpty())
            return;
        QStyleOptionComboBox opt;
        opt.initFrom(combo);
        opt.editable = false;
        opt.frame = combo->hasFrame();
        opt.currentText = combo->currentText();
        opt.currentIcon = combo->itemIcon(combo->currentIndex());
        opt.iconSize = combo->iconSize();
        const QRect field = combo->style()->subControlRect(QStyle::CC_ComboBox, &opt, QStyle::SC_ComboBoxEditField, combo);
        int need = QFontMetrics(combo->font()).horizontalAdvance(combo->currentText()) + 2;
        if (!opt.currentIcon.isNull())
            need += opt.iconSize.width() + 4;
        if (need > field.width())
            add(combo, QStringLiteral("combo box text cut off: needs %1 px, has %2").arg(need).arg(field.width()),
                combo->currentText());
    }

    void checkTabs(QTabBar *bar)
    {
        const auto hint = &TabBarAccess::tabSizeHint;
        for (int i = 0; i < bar->count(); ++i) {
            if (!bar->isTabVisible(i))
                continue;
            const QRect r = bar->tabRect(i);
            const QString text = withoutMnemonic(bar->tabText(i));
            if (r.right() > bar->width() || r.left() < 0 || r.bottom() > bar->height()) {
                add(bar, QStringLiteral("tab out of view (behind the scroll arrows)"), text);
                continue;
            }
            const QSize need = (bar->*hint)(i);
            if (bar->shape() == QTabBar::RoundedNorth || bar->shape() == QTabBar::RoundedSouth) {
                if (need.width() > r.width() + 1)
                    add(bar, QStringLiteral("tab title cut off: needs %1 px, has %2").arg(need.width()).arg(r.width()), text);
            } else if (need.height() > r.height() + 1) {
                add(bar, QStringLiteral("tab title cut off: needs %1 px, has %2").arg(need.height()).arg(r.height()), text);
            }
        }
    }

    void checkGroup(QGroupBox *group)
    {
        if (group->title().isEmpty())
            return;
        const int need = QFontMetrics(group->font()).horizontalAdvance(withoutMnemonic(group->title()))
            + (group->isCheckable() ? 24 : 0) + 16;
        if (need > group->width() + 1)
            add(group, QStringLiteral("group title cut off: needs %1 px, has %2").arg(need).arg(group->width()),
                group->title());
    }

    void checkHeader(QAbstractItemView *view, QHeaderView *header)
    {
        if (!header || !isShown(header) || header->orientation() != Qt::Horizontal || !view->model())
            return;
        QAbstractItemModel *model = view->model();
        const QFontMetrics fm(header->font());
        const int margin = header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
        for (int logical = 0; logical < header->count(); ++logical) {
            if (header->isSectionHidden(logical))
                continue;
            const int x = header->sectionViewportPosition(logical);
            const int size = header->sectionSize(logical);
            if (x < 0 || x + size > header->viewport()->width() + 1)
                continue; // scrolled partly out of view, not cut off
            const QString text = model->headerData(logical, Qt::Horizontal, Qt::DisplayRole).toString();
            if (text.isEmpty())
                continue;
            int need = widestLine(fm, text) + 2 * margin + 2;
            if (header->isSortIndicatorShown() && header->sortIndicatorSection() == logical)
                need += fm.height() + margin;
            if (need > size + 1)
                add(header, QStringLiteral("header section cut off: needs %1 px, has %2").arg(need).arg(size), text);
            const int lines = int(text.count(u'\n')) + 1;
            const int needHeight = lines * fm.lineSpacing();
            if (needHeight > header->height())
                add(header, QStringLiteral("header text cut off at the bottom: needs %1 px of height, has %2")
                                .arg(needHeight).arg(header->height()),
                    text);
        }
    }

    void checkView(QAbstractItemView *view)
    {
        if (auto *table = qobject_cast<QTableView *>(view))
            checkHeader(view, table->horizontalHeader());
        QAbstractItemModel *model = view->model();
        if (!model)
            return;
        QList<int> elidedByDesign;
        const QVariantList declared = view->property("auditElidedColumns").toList();
        for (const QVariant &v : declared)
            elidedByDesign.append(v.toInt());
        const QRect area = view->viewport()->rect();
        const auto initOption = &ViewAccess::initViewItemOption;
        QSet<QRgb> reportedContrast;
        QImage shot;
        int checked = 0;
        for (int row = 0; row < model->rowCount() && checked < 400; ++row) {
            for (int column = 0; column < model->columnCount() && checked < 400; ++column) {
                const QModelIndex index = model->index(row, column);
                const QRect r = view->visualRect(index);
                if (!r.isValid() || !area.contains(r))
                    continue;
                ++checked;
                const QString text = index.data(Qt::DisplayRole).toString();
                QStyleOptionViewItem opt;
                (view->*initOption)(&opt);
                opt.rect = r;
                opt.index = index;
                const QVariant fontData = index.data(Qt::FontRole);
                if (fontData.isValid())
                    opt.font = fontData.value<QFont>();
                opt.fontMetrics = QFontMetrics(opt.font);
                if (!text.isEmpty() && !elidedByDesign.contains(column)) {
                    const QSize need = view->itemDelegateForIndex(index)->sizeHint(opt, index);
                    if (need.width() > r.width() + 1)
                        add(view, QStringLiteral("cell text cut off (row %1): needs %2 px, has %3")
                                      .arg(row).arg(need.width()).arg(r.width()),
                            text);
                    else if (need.height() > r.height() + 1)
                        add(view, QStringLiteral("cell text cut off at the bottom (row %1): needs %2 px, has %3")
                                      .arg(row).arg(need.height()).arg(r.height()),
                            text);
                }
                // Contrast of the cell's text on its row colour.
                const bool selected = view->selectionModel() && view->selectionModel()->isSelected(index);
                QColor bg = view->palette().color(selected ? QPalette::Highlight
                                                      : (view->alternatingRowColors() && row % 2 ? QPalette::AlternateBase
                                                                                                 : QPalette::Base));
                if (const QVariant b = index.data(Qt::BackgroundRole); b.isValid() && !selected)
                    bg = over(b.value<QBrush>().color(), bg);
                QColor fg = view->palette().color(selected ? QPalette::HighlightedText : QPalette::Text);
                if (const QVariant f = index.data(Qt::ForegroundRole); f.isValid() && !selected)
                    fg = f.value<QBrush>().color();
                fg = over(fg, bg);
                if (!text.isEmpty() && contrast(fg, bg) < 4.5 && !reportedContrast.contains(fg.rgb() ^ (bg.rgb() << 1))) {
                    reportedContrast.insert(fg.rgb() ^ (bg.rgb() << 1));
                    add(view, QStringLiteral("cell text contrast %1:1 below 4.5:1 (%2 on %3, row %4)")
                                  .arg(contrast(fg, bg), 0, 'f', 2).arg(fg.name(), bg.name()).arg(row),
                        text);
                }
                // A check box in the cell must stand out from the row (3:1).
                if (index.data(Qt::CheckStateRole).isValid()) {
                    if (shot.isNull())
                        shot = view->viewport()->grab().toImage();
                    opt.features |= QStyleOptionViewItem::HasCheckIndicator;
                    const QRect box = view->style()->subElementRect(QStyle::SE_ItemViewItemCheckIndicator, &opt, view);
                    const double ratio = strongestContrast(shot, box, bg, view->devicePixelRatioF());
                    if (ratio < 3.0)
                        add(view, QStringLiteral("check box in row %1 contrast %2:1 below 3:1")
                                      .arg(row).arg(ratio, 0, 'f', 2),
                            text);
                }
            }
        }
    }

    // --- layout ------------------------------------------------------------------------------

    void checkSqueezed(QWidget *w)
    {
        QWidget *parent = w->parentWidget();
        if (!parent || !layoutContains(parent->layout(), w) || qobject_cast<QLabel *>(w))
            return;
        const QSizePolicy policy = w->sizePolicy();
        const QSize hint = w->minimumSizeHint();
        const int minW = w->minimumWidth() > 0 ? w->minimumWidth()
            : (policy.horizontalPolicy() == QSizePolicy::Ignored ? 0 : hint.width());
        const int minH = w->minimumHeight() > 0 ? w->minimumHeight()
            : (policy.verticalPolicy() == QSizePolicy::Ignored ? 0 : hint.height());
        if (w->width() + 1 < minW || w->height() + 1 < minH)
            add(w, QStringLiteral("squeezed to %1×%2, below its minimum %3×%4")
                       .arg(w->width()).arg(w->height()).arg(minW).arg(minH),
                QString());
    }

    void checkOverlaps(QWidget *parent)
    {
        QLayout *layout = parent->layout();
        if (!layout)
            return;
        QList<QWidget *> laidOut;
        const QObjectList children = parent->children();
        for (QObject *o : children) {
            auto *c = qobject_cast<QWidget *>(o);
            if (c && !c->isWindow() && c->isVisible() && layoutContains(layout, c))
                laidOut.append(c);
        }
        for (int i = 0; i < laidOut.size(); ++i) {
            for (int j = i + 1; j < laidOut.size(); ++j) {
                const QRect overlap = laidOut[i]->geometry().intersected(laidOut[j]->geometry());
                if (overlap.width() > 1 && overlap.height() > 1)
                    add(laidOut[i], QStringLiteral("overlaps %1 by %2×%3 px")
                                        .arg(pathOf(laidOut[j], m_window)).arg(overlap.width()).arg(overlap.height()),
                        QString());
            }
        }
    }

    // --- charts ------------------------------------------------------------------------------

    void checkChart(ChartView *view)
    {
        QChart *chart = view->chart();
        if (!view->hasData() && view->emptyText().isEmpty())
            add(view, QStringLiteral("chart without data says nothing about how to fill it"), view->title());
        const QRectF bounds = chart->geometry().adjusted(-1, -1, 1, 1);
        const QList<QGraphicsItem *> items = view->scene()->items();
        for (const QGraphicsItem *item : items) {
            if (!item->isVisible() || item->effectiveOpacity() == 0)
                continue;
            QString text;
            if (const auto *t = dynamic_cast<const QGraphicsTextItem *>(item))
                text = t->toPlainText();
            else if (const auto *s = dynamic_cast<const QGraphicsSimpleTextItem *>(item))
                text = s->text();
            else
                continue;
            if (text.trimmed().isEmpty())
                continue;
            if (text.contains(QStringLiteral("...")) || text.endsWith(QChar(0x2026)))
                add(view, QStringLiteral("chart text truncated by Qt Charts"), text);
            else if (!bounds.contains(item->sceneBoundingRect()))
                add(view, QStringLiteral("chart text sticks out of the chart"), text);
        }
        const QColor bg = chart->backgroundBrush().color();
        if (chart->backgroundBrush().style() == Qt::NoBrush)
            return;
        if (!chart->title().isEmpty() && contrast(over(chart->titleBrush().color(), bg), bg) < 4.5)
            add(view, QStringLiteral("chart title contrast below 4.5:1"), chart->title());
        const QList<QAbstractAxis *> axes = chart->axes();
        for (const QAbstractAxis *axis : axes) {
            if (axis->isVisible() && axis->labelsVisible()
                && contrast(over(axis->labelsBrush().color(), bg), bg) < 4.5)
                add(view, QStringLiteral("axis labels contrast %1:1 below 4.5:1")
                              .arg(contrast(over(axis->labelsBrush().color(), bg), bg), 0, 'f', 2),
                    axis->titleText());
        }
        // The legend as drawn (ChartView draws its own, wrapped onto rows): each entry is a
        // square and its label.
        if (!view->legendShown())
            return;
        const QList<QGraphicsItem *> entries = view->legendItems();
        for (qsizetype i = 0; i + 1 < entries.size(); i += 2) {
            const auto *box = dynamic_cast<const QGraphicsRectItem *>(entries.at(i));
            const auto *label = dynamic_cast<const QGraphicsSimpleTextItem *>(entries.at(i + 1));
            if (!box || !label)
                continue;
            if (contrast(over(label->brush().color(), bg), bg) < 4.5)
                add(view, QStringLiteral("legend text contrast below 4.5:1"), label->text());
            double ratio = 1.0;
            if (box->brush().style() != Qt::NoBrush)
                ratio = contrast(over(box->brush().color(), bg), bg);
            if (box->pen().style() != Qt::NoPen)
                ratio = std::max(ratio, contrast(over(box->pen().color(), bg), bg));
            if (ratio < 3.0)
                add(view, QStringLiteral("legend marker contrast %1:1 below 3:1").arg(ratio, 0, 'f', 2), label->text());
        }
    }

    // --- contrast ----------------------------------------------------------------------------

    static double strongestContrast(const QImage &image, const QRect &logical, const QColor &bg, qreal dpr)
    {
        const QRect r = QRect(QPoint(int(logical.x() * dpr), int(logical.y() * dpr)),
                              QSize(int(logical.width() * dpr), int(logical.height() * dpr)))
                            .intersected(image.rect());
        double best = 1.0;
        for (int y = r.top(); y <= r.bottom(); ++y) {
            for (int x = r.left(); x <= r.right(); ++x)
                best = std::max(best, contrast(QColor(image.pixel(x, y)), bg));
        }
        return best;
    }

    void checkContrast(QWidget *w)
    {
        if (!w->isEnabled())
            return; // WCAG exempts inactive components
        const QPalette &pal = w->palette();
        QColor fg;
        QColor bg;
        QString text;
        if (auto *label = qobject_cast<QLabel *>(w)) {
            if (label->text().isEmpty() || !label->pixmap().isNull())
                return;
            text = label->text();
            bg = backgroundOf(label);
            fg = pal.color(label->foregroundRole());
        } else if (auto *box = qobject_cast<QCheckBox *>(w)) {
            checkIndicator(box, QStyle::SE_CheckBoxIndicator);
            text = box->text();
            bg = backgroundOf(box);
            fg = pal.color(QPalette::WindowText);
        } else if (auto *radio = qobject_cast<QRadioButton *>(w)) {
            checkIndicator(radio, QStyle::SE_RadioButtonIndicator);
            text = radio->text();
            bg = backgroundOf(radio);
            fg = pal.color(QPalette::WindowText);
        } else if (auto *button = qobject_cast<QAbstractButton *>(w)) {
            text = button->text();
            bg = pal.color(QPalette::Button);
            fg = pal.color(QPalette::ButtonText);
        } else if (auto *edit = qobject_cast<QLineEdit *>(w)) {
            text = edit->text();
            bg = pal.color(QPalette::Base);
            fg = pal.color(QPalette::Text);
        } else if (auto *group = qobject_cast<QGroupBox *>(w)) {
            text = group->title();
            bg = backgroundOf(group);
            fg = pal.color(QPalette::WindowText);
        } else if (auto *tabs = qobject_cast<QTabBar *>(w)) {
            text = tabs->count() ? tabs->tabText(0) : QString();
            bg = backgroundOf(tabs);
            fg = pal.color(QPalette::WindowText);
        } else {
            return;
        }
        if (text.isEmpty())
            return;
        const double ratio = contrast(over(fg, bg), bg);
        if (ratio < 4.5)
            add(w, QStringLiteral("text contrast %1:1 below 4.5:1 (%2 on %3)").arg(ratio, 0, 'f', 2).arg(fg.name(), bg.name()),
                text);
    }

    void checkIndicator(QAbstractButton *button, QStyle::SubElement element)
    {
        QStyleOptionButton opt;
        opt.initFrom(button);
        opt.text = button->text();
        const QRect r = button->style()->subElementRect(element, &opt, button);
        const QImage shot = button->grab().toImage();
        const double ratio = strongestContrast(shot, r, backgroundOf(button), button->devicePixelRatioF());
        if (ratio < 3.0)
            add(button, QStringLiteral("indicator contrast %1:1 below 3:1").arg(ratio, 0, 'f', 2), button->text());
    }

    QWidget *m_window;
    QList<Finding> m_findings;
};

} // namespace

QString Finding::toString() const
{
    QString s = path + QStringLiteral(": ") + problem;
    if (!text.isEmpty()) {
        QString shown = text.simplified();
        if (shown.size() > 400)
            shown = shown.left(397) + QStringLiteral("...");
        s += QStringLiteral(" [\"") + shown + QStringLiteral("\"]");
    }
    return s;
}

double contrast(const QColor &a, const QColor &b)
{
    return Palette::contrast(a, b); // the one WCAG formula, shared with the charts
}

QColor backgroundOf(const QWidget *widget)
{
    for (const QWidget *p = widget; p; p = p->parentWidget()) {
        if (p->autoFillBackground() || p->isWindow())
            return p->palette().color(p->backgroundRole());
        if (const auto *view = qobject_cast<const QAbstractItemView *>(p->parentWidget()); view && view->viewport() == p)
            return p->palette().color(QPalette::Base);
    }
    return QApplication::palette().color(QPalette::Window);
}

QString widestChain(const QWidget *window)
{
    QStringList chain;
    const QWidget *w = window;
    while (w) {
        chain.append(QStringLiteral("%1 (%2 px)").arg(nameOf(w)).arg(w->minimumSizeHint().width()));
        const QWidget *widest = nullptr;
        const QObjectList children = w->children();
        for (const QObject *o : children) {
            const auto *c = qobject_cast<const QWidget *>(o);
            if (c && !c->isWindow() && !c->isHidden()
                && (!widest || c->minimumSizeHint().width() > widest->minimumSizeHint().width()))
                widest = c;
        }
        w = widest;
    }
    return chain.join(QStringLiteral(" > "));
}

namespace {
void collectWide(const QWidget *w, int threshold, int depth, QStringList &out)
{
    const QObjectList children = w->children();
    for (const QObject *o : children) {
        const auto *c = qobject_cast<const QWidget *>(o);
        if (!c || c->isWindow() || isInternal(c))
            continue;
        const int width = std::max(c->minimumSizeHint().width(), c->minimumWidth());
        if (width < threshold)
            continue;
        out.append(QString(depth * 2, u' ') + nameOf(c) + QStringLiteral(" %1").arg(width)
                   + (c->isHidden() ? QStringLiteral(" (hidden)") : QString()));
        collectWide(c, threshold, depth + 1, out);
    }
}
} // namespace

QString wideWidgets(const QWidget *root, int threshold)
{
    QStringList out;
    collectWide(root, threshold, 0, out);
    return out.join(u'\n');
}

QList<Finding> audit(QWidget *window)
{
    return Auditor(window).run();
}

} // namespace LayoutAudit
